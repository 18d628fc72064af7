"""POSfix: offline help for payment-terminal (POS) error codes."""

__version__ = "0.1.0"
APP_NAME = "POSfix"
APP_ID = "posfix"
