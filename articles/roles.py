"""The three staff roles and the model permissions each group carries."""

from django.utils.translation import gettext_lazy as _

WRITER = "Penulis"
EDITOR = "Redaktur"
HEAD = "Kepala Humas"

ROLE_GROUPS = {"penulis": WRITER, "redaktur": EDITOR, "kepala": HEAD}
ROLE_LABELS = {WRITER: _("Penulis"), EDITOR: _("Redaktur"), HEAD: _("Kepala Humas")}

_READ_TAXONOMY = [
    "view_unit",
    "view_category",
    "view_partner",
    "view_tag",
    "add_tag",
    "view_photo",
    "add_photo",
    "change_photo",
]
_WRITER = [
    *_READ_TAXONOMY,
    "view_article",
    "add_article",
    "change_article",
    "view_editorialnote",
    "add_editorialnote",
    "view_revision",
    "view_relatedarticle",
    "add_relatedarticle",
    "change_relatedarticle",
    "delete_relatedarticle",
]
_EDITOR = [
    *_WRITER,
    "publish_article",
    "delete_photo",
    "view_correction",
    "add_correction",
    "change_correction",
    "view_comment",
    "change_comment",
    "view_moderationword",
    "add_moderationword",
    "change_moderationword",
    "delete_moderationword",
    "view_auditentry",
    "add_partner",
    "change_partner",
    "add_category",
    "change_category",
]
_HEAD = [*_EDITOR, "view_user", "add_user", "change_user", "import_articles"]

GROUP_PERMISSIONS = {WRITER: _WRITER, EDITOR: _EDITOR, HEAD: _HEAD}
