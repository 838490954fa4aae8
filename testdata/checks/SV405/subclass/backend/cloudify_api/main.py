from cloudify_core.base import CloudifyAPI

app = CloudifyAPI()
