def in_batches(queryset, size=500):
    """Shared by the shop's management commands."""
    total = queryset.count()
    for start in range(0, total, size):
        print(f"batch {start}-{start + size} of {total}")  # ok: LOG001 (a management command helper)
        yield queryset[start:start + size]
