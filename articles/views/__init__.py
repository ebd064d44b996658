"""Public pages. Views are thin: every query starts from Article.objects.published()."""
