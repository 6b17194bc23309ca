from django.urls import path

from assignments import views

app_name = "assignments"
urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("<int:pk>/", views.assignment_detail, name="assignment_detail"),
    path("<int:pk>/bao-cao/", views.assignment_report, name="assignment_report"),
    path("<int:pk>/gia-han/", views.assignment_extension, name="assignment_extension"),
    path("<int:pk>/huy/", views.assignment_cancel, name="assignment_cancel"),
    path("<int:pk>/giao-lai/", views.assignment_reassign, name="assignment_reassign"),
    path("bao-cao/<int:pk>/chap-nhan/", views.report_review, {"decision": "accept"}, name="report_accept"),
    path("bao-cao/<int:pk>/tra-lai/", views.report_review, {"decision": "return"}, name="report_return"),
    path("gia-han/<int:pk>/dong-y/", views.extension_decide, {"decision": "approve"}, name="extension_approve"),
    path("gia-han/<int:pk>/tu-choi/", views.extension_decide, {"decision": "refuse"}, name="extension_refuse"),
    path("tep/<int:pk>/", views.attachment_download, name="attachment_download"),
    path("van-ban/", views.directive_list, name="directive_list"),
    path("van-ban/nhap/", views.directive_new, name="directive_new"),
    path("van-ban/<int:pk>/", views.directive_detail, name="directive_detail"),
    path("van-ban/<int:pk>/kiem-tra/", views.directive_review, name="directive_review"),
    path("van-ban/<int:pk>/xoa/", views.directive_delete, name="directive_delete"),
    path("van-ban/<int:pk>/cong-khai/", views.directive_public, name="directive_public"),
    path("theo-doi/", views.dashboard, name="dashboard"),
    path("theo-doi/bao-cao.docx", views.status_report, name="status_report"),
    path("thong-bao/", views.notifications, name="notifications"),
]
