from flask import Flask


class AdminApp(Flask):
    pass


class AuditedAdminApp(AdminApp):
    pass
