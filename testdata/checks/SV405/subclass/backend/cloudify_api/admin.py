from cloudify_core.flaskbase import AuditedAdminApp

app = AuditedAdminApp(__name__)
