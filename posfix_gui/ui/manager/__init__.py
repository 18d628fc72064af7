"""The store manager's view: incident history behind a PIN (its own window).

The main window's menu item calls::

    from posfix_gui.ui.manager import open_manager_window
    self._manager = open_manager_window(self, history_store, catalogue, settings.language,
                                        history_error=history_error_text, existing=self._manager)
"""

from posfix_gui.ui.manager.window import ManagerWindow, open_manager_window, show_history_off

__all__ = ["ManagerWindow", "open_manager_window", "show_history_off"]
