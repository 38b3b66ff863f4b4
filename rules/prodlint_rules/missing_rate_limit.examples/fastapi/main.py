from fastapi import FastAPI

app = FastAPI(title="items")  # expect: RATE001


@app.post("/items")
async def create_item(item: dict):
    return item
