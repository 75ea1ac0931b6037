"""Who may publish. Editors create and change drafts; Publishers (and
superusers) also publish, unpublish, change and delete published records.
The rule is enforced in the admin's permission hooks, so it holds for the
actions, the status field and a crafted POST alike."""

import reversion
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from reversion.admin import VersionAdmin
from reversion.models import Version

from .choices import Status


def can_publish(user, model):
    return user.has_perm(f"{model._meta.app_label}.publish_{model._meta.model_name}")


class VersionedAdmin(VersionAdmin):
    """Keeps every saved version with who and when, viewable and restorable
    from the record's History page."""

    history_latest_first = True

    def revision_view(self, request, object_id, version_id, extra_context=None):
        version = get_object_or_404(Version, pk=version_id, object_id=unquote(object_id))
        refusal = revert_refusal(self.admin_site, request, version.revision)
        if refusal:
            return self.refuse_revert(request, refusal, object_id)
        return super().revision_view(request, object_id, version_id, extra_context)

    def recover_view(self, request, version_id, extra_context=None):
        version = get_object_or_404(Version, pk=version_id)
        refusal = revert_refusal(self.admin_site, request, version.revision)
        if refusal:
            return self.refuse_revert(request, refusal)
        return super().recover_view(request, version_id, extra_context)

    def refuse_revert(self, request, refusal, object_id=None):
        messages.error(request, refusal)
        opts = self.model._meta
        if object_id is None:
            return redirect(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"))
        return redirect(
            reverse(f"admin:{opts.app_label}_{opts.model_name}_history", args=[object_id])
        )


def revert_refusal(admin_site, request, revision):
    """Why this user may not restore the revision, or "" if they may.

    django-reversion restores every record a revision holds (a finding saved
    with its inspection holds both) before the admin checks the one record in
    the address, and then checks it against the restored rows: an editor
    could put a published inspection back to draft through an old version of
    one of its findings. So every record the revision would change is checked
    first, as it is now and as it would be, against the permissions of its
    own admin: a published record, or one that would become published, needs
    a publisher."""
    for version in revision.version_set.all():
        model = version._model
        current = model._default_manager.filter(pk=version.object_id).first()
        restored = version._object_version.object
        model_admin = admin_site._registry.get(model)
        for obj in (current, restored):
            if obj is None:
                continue
            if model_admin is None:
                allowed = request.user.has_perm(
                    f"{model._meta.app_label}.change_{model._meta.model_name}"
                )
            else:
                allowed = model_admin.has_change_permission(request, obj)
            if not allowed:
                return (
                    f"This version cannot be restored with your permissions: it would also "
                    f"change {model._meta.verbose_name} “{current or restored}”, which only "
                    "a publisher may change. Ask a publisher to restore it."
                )
    return ""


class LockingAdmin(VersionedAdmin):
    """An admin whose records can be locked for some users: is_locked() says
    when; a locked record can be viewed, not changed or deleted."""

    def is_locked(self, request, obj):
        return False

    def has_change_permission(self, request, obj=None):
        if self.is_locked(request, obj):
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if self.is_locked(request, obj):
            return False
        return super().has_delete_permission(request, obj)


class PublishingAdmin(LockingAdmin):
    """For models with a status: Inspection, Official, Statement."""

    actions = ["publish", "unpublish"]

    def has_publish_permission(self, request):
        return can_publish(request.user, self.model)

    def is_locked(self, request, obj):
        return (
            obj is not None
            and obj.status == Status.PUBLISHED
            and not self.has_publish_permission(request)
        )

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not self.has_publish_permission(request):
            readonly.append("status")
        return readonly

    def save_model(self, request, obj, form, change):
        # The form cannot carry status for an editor; refuse anyway if
        # something else set it.
        if obj.status == Status.PUBLISHED and not self.has_publish_permission(request):
            raise PermissionDenied("Only publishers can publish.")
        super().save_model(request, obj, form, change)

    def _set_status(self, request, queryset, status, verb):
        changed = 0
        with reversion.create_revision():
            reversion.set_user(request.user)
            reversion.set_comment(f"{verb.capitalize()} from the list.")
            for obj in queryset.exclude(status=status):
                obj.status = status
                obj.save()
                changed += 1
        self.message_user(request, f"{verb.capitalize()} {changed} record(s).", messages.SUCCESS)

    @admin.action(description="Publish the selected records", permissions=["publish"])
    def publish(self, request, queryset):
        self._set_status(request, queryset, Status.PUBLISHED, "published")

    @admin.action(
        description="Unpublish the selected records (back to draft)", permissions=["publish"]
    )
    def unpublish(self, request, queryset):
        self._set_status(request, queryset, Status.DRAFT, "unpublished")


class ShownWhenPublishedAdmin(LockingAdmin):
    """For records with no status of their own that published pages show: an
    authority's name, a theme, a quote's source and its link. Once anything
    published shows one, changing or deleting it changes public pages, so
    it follows the publishing rules: publishers only. (An editor renamed a
    theme and set a phishing link on a published quote's source this way.)

    published_via: lookups from the record to a status that, when published,
    makes it public (e.g. "statements__status"). publish_permission: whose
    publishers may change it (e.g. "quotes.publish_statement")."""

    published_via = ()
    publish_permission = None

    def is_locked(self, request, obj):
        if obj is None or request.user.has_perm(self.publish_permission):
            return False
        shown = Q()
        for lookup in self.published_via:
            shown |= Q(**{lookup: Status.PUBLISHED})
        return type(obj)._default_manager.filter(shown, pk=obj.pk).exists()


class PartOfPublishedAdmin(LockingAdmin):
    """For the parts of a record (a finding, a judgement, a post): locked for
    editors once the record they belong to is published."""

    parent_field = None
    parent_model = None

    def is_locked(self, request, obj):
        if obj is None:
            return False
        parent = getattr(obj, self.parent_field)
        return parent.status == Status.PUBLISHED and not can_publish(request.user, type(parent))

    def save_model(self, request, obj, form, change):
        # Adding a part to a published record is a change to that record.
        if self.is_locked(request, obj):
            raise PermissionDenied("Only publishers can change a published record.")
        super().save_model(request, obj, form, change)
