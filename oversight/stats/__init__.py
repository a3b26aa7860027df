"""Statistics for leaders (决策支持): a registry of reports that the statistics page, the CSV/XLSX
export and the portal widgets all read, so each figure has one query."""
from oversight.stats.base import Filters, Report, all_reports, get_report, register_report  # noqa: F401


def load_builtins() -> None:
    from oversight.stats import disclosure, publishing, service, usage  # noqa: F401
