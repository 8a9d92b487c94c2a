"""Site-wide settings an agency edits in the admin (Cài đặt → Thông tin cơ quan)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    """Who publishes the portal: shown in the header and the legally required footer."""

    agency_name = models.CharField(
        _("tên cơ quan"), max_length=255, default="Cổng thông tin điện tử",
        help_text=_("Tên đầy đủ hiển thị ở đầu trang, ví dụ: Cổng thông tin điện tử Tỉnh ủy …"),
    )
    agency_subtitle = models.CharField(_("dòng phụ"), max_length=255, blank=True)
    emblem = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("biểu trưng"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    responsible_person = models.CharField(
        _("người chịu trách nhiệm"), max_length=255, blank=True,
        help_text=_("Ví dụ: Chịu trách nhiệm chính: Ông Nguyễn Văn A, Chánh Văn phòng."),
    )
    license_text = models.CharField(_("giấy phép"), max_length=255, blank=True)
    address = models.CharField(_("địa chỉ"), max_length=255, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=64, blank=True)
    fax = models.CharField(_("fax"), max_length=64, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    copyright_notice = models.CharField(
        _("ghi chú bản quyền"), max_length=255, blank=True,
        help_text=_("Ví dụ: Ghi rõ nguồn khi phát hành lại thông tin từ cổng này."),
    )

    panels = [
        MultiFieldPanel([FieldPanel("agency_name"), FieldPanel("agency_subtitle"), FieldPanel("emblem")],
                        heading=_("Đầu trang")),
        MultiFieldPanel(
            [FieldPanel("responsible_person"), FieldPanel("license_text"), FieldPanel("address"),
             FieldPanel("phone"), FieldPanel("fax"), FieldPanel("email"), FieldPanel("copyright_notice")],
            heading=_("Chân trang"),
        ),
    ]

    class Meta:
        verbose_name = _("thông tin cơ quan")
        verbose_name_plural = _("thông tin cơ quan")


class VisitorSalt(models.Model):
    """The secret that makes today's guest visitor ids (see vnportal.core.visitors).

    One random salt per local day. It lives in the database, not in a process or a
    local cache, so every app server computes the same id for the same visitor;
    salts older than yesterday are deleted, after which nobody (not even us) can
    link an id back to an address.
    """

    day = models.DateField(_("ngày"), unique=True)
    salt = models.CharField(_("chuỗi bí mật"), max_length=64)

    class Meta:
        verbose_name = _("chuỗi bí mật theo ngày")
        verbose_name_plural = _("chuỗi bí mật theo ngày")

    def __str__(self):
        return str(self.day)
