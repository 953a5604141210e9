from django.urls import path

from tasks.views import dashboard, exports, followup, imports, progress, register

urlpatterns = [
    path("", dashboard.home, name="home"),
    path("dashboard/", dashboard.dashboard, name="dashboard"),
    path("tasks/", register.task_list, name="task_list"),
    path("tasks/export.xlsx", exports.task_export, name="task_export"),
    path("tasks/template.xlsx", exports.task_template, name="task_template"),
    path("tasks/import/", imports.import_list, name="import_list"),
    path("tasks/import/<int:pk>/", imports.import_preview, name="import_preview"),
    path("tasks/import/<int:pk>/confirm/", imports.import_confirm, name="import_confirm"),
    path("tasks/import/<int:pk>/status/", imports.import_detail, name="import_detail"),
    path("tasks/import/<int:pk>/file/", imports.import_file, name="import_file"),
    path("tasks/import/<int:pk>/retry/", imports.import_retry, name="import_retry"),
    path("tasks/new/", register.task_create, name="task_create"),
    path("tasks/<int:pk>/", register.task_detail, name="task_detail"),
    path("tasks/<int:pk>/edit/", register.task_edit, name="task_edit"),
    path("tasks/<int:pk>/cancel/", register.task_cancel, name="task_cancel"),
    path("tasks/<int:pk>/assign/", register.assignment_create, name="assignment_create"),
    path("assignments/<int:pk>/progress/", progress.progress_create, name="progress_create"),
    path("assignments/<int:pk>/confirm/", progress.completion_confirm, name="completion_confirm"),
    path("assignments/<int:pk>/return/", progress.completion_return, name="completion_return"),
    path("confirmations/", progress.confirmation_queue, name="confirmation_queue"),
    path("my-agency/", progress.my_agency, name="my_agency"),
    path("tasks/<int:pk>/urge/", followup.urge_task, name="urge_task"),
    path("agencies/<int:pk>/urge/", followup.urge_agency, name="urge_agency"),
    path("assignments/<int:pk>/extension/", followup.extension_create, name="extension_create"),
    path("extensions/", followup.extension_queue, name="extension_queue"),
    path("extensions/<int:pk>/grant/", followup.extension_grant, name="extension_grant"),
    path("extensions/<int:pk>/refuse/", followup.extension_refuse, name="extension_refuse"),
    path("evidence/<int:pk>/", progress.evidence_download, name="evidence_download"),
]
