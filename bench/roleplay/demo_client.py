"""A JSON client for a running Attune demo server, shared by the role-play benchmarks: logs in as
the demo learner and keeps the session cookie and CSRF token."""
import http.cookiejar, json, urllib.request


class DemoClient:
    def __init__(self, base, email="liam@demo.attune.test", password="attune-demo-2026"):
        self.base = base.rstrip("/")
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        self.csrf = None
        self.csrf = self.call("POST", "/api/v1/auth/login", {"email": email, "password": password})["csrf_token"]

    def call(self, method, path, body=None, content_type="application/json"):
        data = body if isinstance(body, bytes) else (json.dumps(body).encode() if body is not None else None)
        req = urllib.request.Request(self.base + path, method=method, data=data)
        req.add_header("Content-Type", content_type)
        if self.csrf:
            req.add_header("X-CSRF-Token", self.csrf)
        with self.opener.open(req) as r:
            return json.loads(r.read() or b"null")
