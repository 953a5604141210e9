# Routes are added with the reports issue.
urlpatterns: list = []
