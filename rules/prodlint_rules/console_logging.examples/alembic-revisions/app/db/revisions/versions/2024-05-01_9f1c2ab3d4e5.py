"""Backfill recipe slugs

Revision ID: 9f1c2ab3d4e5
Revises: 41b7d2c0e6aa
"""
import sqlalchemy as sa
from alembic import op

revision = "9f1c2ab3d4e5"
down_revision = "41b7d2c0e6aa"


def upgrade():
    conn = op.get_bind()
    rows = conn.execute(sa.text("SELECT id, name FROM recipe WHERE slug IS NULL")).fetchall()
    print(f"backfilling {len(rows)} slugs")  # ok: LOG001 (an Alembic revision, run by `alembic upgrade`)
    for row in rows:
        conn.execute(sa.text("UPDATE recipe SET slug = :s WHERE id = :i"), {"s": row.name.lower(), "i": row.id})


def downgrade():
    pass
