from rest_framework.pagination import PageNumberPagination


class Pagination(PageNumberPagination):
    """Pages of 50 (``page_size`` up to 200); the views order by a unique key last, so a
    page boundary never moves a row between pages."""

    page_size_query_param = "page_size"
    max_page_size = 200
