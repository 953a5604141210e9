# Routes are added with the communes issue.
urlpatterns: list = []
