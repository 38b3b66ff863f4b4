import logging
import time

from fastapi import FastAPI, Request

logger = logging.getLogger("access")
app = FastAPI()  # ok: LOG002 (an http middleware logs each request)


@app.middleware("http")
async def access_log(request: Request, call_next):
    started = time.perf_counter()
    response = await call_next(request)
    logger.info("%s %s %s %.1fms", request.method, request.url.path, response.status_code,
                (time.perf_counter() - started) * 1000)
    return response
