import json


def handler(event, context):
    try:
        body = json.loads(event["body"])
    except ValueError:
        return {"statusCode": 400, "body": json.dumps({"error": "Invalid JSON"})}  # expect: ERR005
    return {"statusCode": 200, "body": json.dumps(body)}
