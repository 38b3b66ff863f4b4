import click

from .db import Base, engine


@click.command()
def setup():
    Base.metadata.create_all(engine)  # ok: MIG003
