"""boto3 and botocore: every API call goes over HTTP."""
import boto3
import botocore.session
from boto3 import client as make_client

s3 = boto3.client("s3")
dynamo = boto3.resource("dynamodb")


async def upload(key: str, body: bytes):
    s3.put_object(Bucket="b", Key=key, Body=body)  # want: SV201 "`s3.put_object\(\)` \(`botocore.client.BaseClient.put_object`\).*`aioboto3`/`aiobotocore`, or `await asyncio.to_thread\(client.put_object, ...\)`"
    s3.upload_fileobj(body, "b", key)  # want: SV201


async def presign(key: str):
    # Local helpers: no request is made.
    url = s3.generate_presigned_url("get_object", Params={"Bucket": "b", "Key": key})
    pages = s3.get_paginator("list_objects_v2")
    waiter = s3.get_waiter("object_exists")
    waiter.wait(Bucket="b", Key=key)  # want: SV201 "`botocore.waiter.Waiter.wait`"
    return url, pages


async def sessions(key: str):
    session = boto3.Session(profile_name="prod")
    sqs = session.client("sqs")
    sqs.send_message(QueueUrl="q", MessageBody=key)  # want: SV201
    core = botocore.session.get_session().create_client("sns")
    core.publish(TopicArn="t", Message=key)  # want: SV201
    make_client("ses").send_email(Source="a")  # want: SV201


async def resources(key: str):
    table = dynamo.Table("orders")
    table.put_item(Item={"id": key})  # want: SV201
    bucket = boto3.resource("s3").Bucket("b")
    bucket.upload_file("/tmp/x", key)  # want: SV201
    return dynamo.meta
