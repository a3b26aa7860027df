"""Government content: page types (service guides 办事指南, notices 通知公告, policy documents 政策文件, their
index pages and the home page), the Department and Topic taxonomies, editorial workflow set-up
and department-scoped permissions, and bulk import/export in the shared JSON Lines format. Other
apps learn of content changes through signals and outboxes, never by reaching into these models'
internals.
"""
