from django import template
from django.utils.translation import gettext as _

from oversight.board import humanize_seconds
from oversight.charts import hbar_chart

register = template.Library()


@register.simple_tag
def duration(seconds):
    return humanize_seconds(seconds)


@register.simple_tag
def on_time_chart(board, label):
    rows = [(row.name, row.on_time_percent) for row in board.rows if row.on_time_percent is not None]
    return hbar_chart(rows, title=_("%(label)s：各部门按时办结率") % {"label": label}, unit="%")
