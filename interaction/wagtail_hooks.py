"""Wagtail admin integration: the 互动交流 menu (queue, ratings), its URLs, and the audit-log
actions of every step (so they show with labels in 设置 → 日志 and the item's history)."""
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem, SubmenuMenuItem
from wagtail.admin.menu import Menu

from interaction import admin_urls
from interaction.events import ACTIONS, PREFIX


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("interaction/", include(admin_urls, namespace="interaction_admin"))]


class DepartmentMenuItem(MenuItem):
    """Shown only to officials who belong to a department (and administrators)."""

    def is_shown(self, request):
        from interaction.access import departments_of

        return departments_of(request.user).exists()


interaction_menu = Menu(register_hook_name="register_interaction_menu_item", construct_hook_name=None)


@hooks.register("register_interaction_menu_item")
def register_queue_item():
    return DepartmentMenuItem(_("办理队列"), reverse("interaction_admin:queue"), icon_name="list-ul", order=10)


@hooks.register("register_interaction_menu_item")
def register_scores_item():
    return DepartmentMenuItem(_("好差评统计"), reverse("interaction_admin:scores"), icon_name="pick", order=20)


@hooks.register("register_admin_menu_item")
def register_interaction_menu():
    return SubmenuMenuItem(_("互动交流"), interaction_menu, icon_name="mail", order=250)


@hooks.register("register_log_actions")
def register_log_actions(actions):
    for event, label in ACTIONS.items():
        actions.register_action(PREFIX + event, label, label)
