from fastapi import APIRouter

router = APIRouter()


@router.get("/{item_id}/status")
def item_status(item_id: int):
    return {"id": item_id}
