from django.urls import path

from . import views

app_name = "security"

urlpatterns = [
    path("2fa/verifikasi/", views.otp_verify, name="otp_verify"),
    path("2fa/daftar/", views.otp_enrol, name="otp_enrol"),
    path("buka-kunci/", views.unlock, name="unlock"),
]
