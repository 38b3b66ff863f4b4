def test_it():
    try:
        boom()
    except Exception:  # ok: ERR004
        pass
