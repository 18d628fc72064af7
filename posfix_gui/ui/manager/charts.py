"""Two hand-painted bar charts (QPainter only: no QtCharts, no matplotlib)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

BAR = QColor("#1f6fb2")
AXIS = QColor("#555555")
TEXT = QColor("#222222")


class BarChart(QWidget):
    """A titled bar chart. ``horizontal=False``: one column per value (incidents per day);
    ``horizontal=True``: one labelled row per value (top codes)."""

    def __init__(self, title: str = "", horizontal: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._title = title
        self._horizontal = horizontal
        self._data: list[tuple[str, int]] = []
        self._empty_text = ""
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumHeight(160)

    def set_title(self, title: str) -> None:
        self._title = title
        self.update()

    def set_empty_text(self, text: str) -> None:
        self._empty_text = text
        self.update()

    def set_data(self, data: Sequence[tuple[str, int]]) -> None:
        self._data = [(str(k), int(v)) for k, v in data]
        self.setToolTip("\n".join(f"{k}: {v}" for k, v in self._data[-40:]))
        self.update()

    def data(self) -> list[tuple[str, int]]:
        return list(self._data)

    def sizeHint(self) -> QSize:
        return QSize(360, 220)

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        fm = QFontMetrics(self.font())
        line = fm.height()
        r = QRectF(self.rect()).adjusted(6, 4, -6, -4)
        p.setPen(TEXT)
        p.drawText(QRectF(r.left(), r.top(), r.width(), line), Qt.AlignmentFlag.AlignLeft, self._title)
        body = r.adjusted(0, line + 6, 0, 0)
        if not self._data or max(v for _, v in self._data) <= 0:
            p.setPen(AXIS)
            p.drawText(body, Qt.AlignmentFlag.AlignCenter, self._empty_text)
            p.end()
            return
        if self._horizontal:
            self._paint_rows(p, body, fm)
        else:
            self._paint_columns(p, body, fm)
        p.end()

    def _paint_rows(self, p: QPainter, body: QRectF, fm: QFontMetrics) -> None:
        top = max(v for _, v in self._data)
        n = len(self._data)
        row_h = min(body.height() / n, fm.height() * 1.6)
        label_w = min(max(fm.horizontalAdvance(k) for k, _ in self._data) + 8, body.width() * 0.55)
        value_w = fm.horizontalAdvance(str(top)) + 8
        bar_w = max(10.0, body.width() - label_w - value_w)
        for i, (label, value) in enumerate(self._data):
            y = body.top() + i * row_h
            p.setPen(TEXT)
            text = fm.elidedText(label, Qt.TextElideMode.ElideRight, int(label_w - 8))
            p.drawText(QRectF(body.left(), y, label_w - 8, row_h), Qt.AlignmentFlag.AlignVCenter
                       | Qt.AlignmentFlag.AlignRight, text)
            w = bar_w * value / top
            p.fillRect(QRectF(body.left() + label_w, y + row_h * 0.15, w, row_h * 0.7), BAR)
            p.drawText(QRectF(body.left() + label_w + w + 4, y, value_w, row_h),
                       Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, str(value))

    def _paint_columns(self, p: QPainter, body: QRectF, fm: QFontMetrics) -> None:
        top = max(v for _, v in self._data)
        axis_w = fm.horizontalAdvance(str(top)) + 6
        label_h = fm.height() + 2
        plot = body.adjusted(axis_w, 0, 0, -label_h)
        n = len(self._data)
        slot = plot.width() / n
        gap = slot * 0.2 if slot > 4 else 0.0
        p.setPen(AXIS)
        p.drawLine(plot.bottomLeft(), plot.bottomRight())
        p.drawText(QRectF(body.left(), plot.top() - 2, axis_w - 4, label_h), Qt.AlignmentFlag.AlignRight,
                   str(top))
        p.drawText(QRectF(body.left(), plot.bottom() - label_h, axis_w - 4, label_h),
                   Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom, "0")
        for i, (_, value) in enumerate(self._data):
            h = plot.height() * value / top
            p.fillRect(QRectF(plot.left() + i * slot + gap / 2, plot.bottom() - h, max(1.0, slot - gap), h), BAR)
        # first and last day under the axis (and the middle one when there is room)
        p.setPen(TEXT)
        marks = {0, n - 1}
        if n > 2 and plot.width() > 3 * fm.horizontalAdvance(self._data[0][0]) + 40:
            marks.add(n // 2)
        for i in sorted(marks):
            label = self._data[i][0][5:] if len(self._data[i][0]) == 10 else self._data[i][0]  # MM-DD
            w = fm.horizontalAdvance(label) + 4
            x = min(max(plot.left() + i * slot + slot / 2 - w / 2, plot.left()), plot.right() - w)
            p.drawText(QRectF(x, plot.bottom() + 2, w, label_h), Qt.AlignmentFlag.AlignHCenter, label)
