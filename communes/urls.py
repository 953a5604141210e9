from django.urls import path

from communes.views import communes, programmes, requests

app_name = "communes"

urlpatterns = [
    path("", communes.commune_list, name="commune_list"),
    path("<int:pk>/", communes.commune_detail, name="commune_detail"),
    path("<int:pk>/survey/", communes.survey_create, name="survey_create"),
    path("<int:pk>/requests/new/", requests.request_create, name="request_create"),
    path("requests/line-item/", requests.line_item_row, name="line_item_row"),
    path("requests/<int:pk>/", requests.request_detail, name="request_detail"),
    path("requests/<int:pk>/edit/", requests.request_edit, name="request_edit"),
    path("requests/<int:pk>/act/<slug:action>/", requests.request_act, name="request_act"),
    path("requests/<int:pk>/pay/", requests.disbursement_create, name="disbursement_create"),
    path("attachments/<int:pk>/", requests.attachment_download, name="attachment_download"),
    path("review/", requests.review_queue, name="review_queue"),
    path("funding/", requests.finance_queue, name="finance_queue"),
    path("programmes/", programmes.programme_list, name="programme_list"),
    path("programmes/<int:pk>/", programmes.programme_detail, name="programme_detail"),
]
