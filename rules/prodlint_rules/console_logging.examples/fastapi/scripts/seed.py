from app.main import app

print("seeding", app.title)  # ok: LOG001 (scripts/)
