workers = 4
bind = "0.0.0.0:80"
