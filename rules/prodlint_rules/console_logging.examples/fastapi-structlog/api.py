import structlog
from fastapi import FastAPI

log = structlog.get_logger()
app = FastAPI()


@app.post("/users")
async def create_user(user: dict):
    print("user created", user.get("id"))  # expect: LOG001
    print("signup", app.title)  # expect: LOG001
    return user
