from sqlmodel import Field, SQLModel


# expect: MIG004
class Hero(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    name: str


class HeroCreate(SQLModel):
    name: str
