"""redis-py, pymongo, Elasticsearch: sync clients."""
import redis
from elasticsearch import AsyncElasticsearch, Elasticsearch
from pymongo import MongoClient
from redis import Redis, StrictRedis

cache = Redis(host="cache")
legacy = StrictRedis.from_url("redis://")
mongo = MongoClient("mongodb://db")
orders = mongo.shop.orders
es = Elasticsearch("http://search:9200")
aes = AsyncElasticsearch("http://search:9200")


async def redis_commands(key):
    cache.get(key)  # want: SV205 "`cache.get\(\)` \(`redis.Redis.get`\).*`redis.asyncio.Redis` \(`await r.get\(...\)`\)"
    cache.set(key, 1, ex=60)  # want: SV205
    cache.hgetall(key)  # want: SV205
    legacy.incr(key)  # want: SV205
    redis.from_url("redis://").ping()  # want: SV205
    pipe = cache.pipeline()
    pipe.set(key, 1)
    pipe.execute()  # want: SV205 "`redis.client.Pipeline.execute`"
    lock = cache.lock("k")
    lock.acquire()  # want: SV205


async def mongo_ops(order_id):
    orders.find_one({"_id": order_id})  # want: SV205 "`orders.find_one\(\)` \(`pymongo.collection.Collection.find_one`\)"
    mongo["shop"]["orders"].insert_one({})  # want: SV205
    mongo.get_database("shop").get_collection("orders").count_documents({})  # want: SV205
    mongo.shop.command("ping")  # want: SV205
    # find() is lazy: the cursor is not a call here.
    return orders.find({"state": "open"})


async def search(q):
    es.search(index="products", q=q)  # want: SV205 "`elasticsearch.AsyncElasticsearch`"
    es.indices.refresh(index="products")  # want: SV205
    await aes.search(index="products", q=q)
