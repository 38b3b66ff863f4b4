import json


def handler(event, context):
    body = json.loads(event["body"])  # expect: ERR005
    return {"statusCode": 200, "body": json.dumps(body)}
