"""Forms for the staff security pages."""

from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Kode 6 angka dari aplikasi autentikator"),
        max_length=6,
        min_length=6,
        validators=[RegexValidator(r"^\d{6}$", _("Masukkan 6 angka."))],
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )


class UnlockForm(forms.Form):
    username = forms.CharField(label=_("Nama pengguna"), max_length=150, required=False)
    ip_address = forms.GenericIPAddressField(label=_("Alamat IP"), required=False)
    reset_2fa = forms.BooleanField(
        label=_("Hapus juga perangkat verifikasi dua langkah (ponsel hilang)"), required=False
    )

    def clean(self):
        data = super().clean()
        if not data.get("username") and not data.get("ip_address"):
            raise forms.ValidationError(_("Sebutkan akun atau alamat IP yang dibuka."))
        return data
