from django.db import models
from django.utils.translation import gettext_lazy as _


class UnitKind(models.TextChoices):
    COMMITTEE = "committee", _("Ủy ban nhân dân")
    AGENCY = "agency", _("Cơ quan chuyên môn")
    COMMUNE = "commune", _("Xã, phường, thị trấn")
    SERVICE_CENTRE = "service_centre", _("Trung tâm Phục vụ hành chính công")
    PARTNER = "partner", _("Đối tác bên ngoài")


class Role(models.TextChoices):
    LEADER = "leader", _("Lãnh đạo")
    OFFICER = "officer", _("Chuyên viên")
    FOCAL_POINT = "focal_point", _("Đầu mối CCHC")
    VIEWER = "viewer", _("Chỉ xem")
    # Writes and publishes the public site's news (portal); no other scope beyond reading the directory.
    COMMUNICATIONS = "communications", _("Truyền thông")
