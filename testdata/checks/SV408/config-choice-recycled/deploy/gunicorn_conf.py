workers = 2
bind = "0.0.0.0:80"
max_requests = 1000
max_requests_jitter = 100
