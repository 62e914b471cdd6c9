from django import forms
from django.contrib.auth.forms import BaseUserCreationForm
from django.core.files.images import get_image_dimensions

from .models import User, Workspace

MAX_LOGO_BYTES = 1024 * 1024


class SignupForm(BaseUserCreationForm):
    workspace_name = forms.CharField(
        label="Company or consultancy name",
        max_length=120,
        help_text="Your workspace. You can rename it later.",
    )

    class Meta:
        model = User
        fields = ("email", "full_name")
        labels = {"full_name": "Your name"}

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip().lower()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(
                "An account with this email already exists. Log in instead."
            )
        return email


class BrandingForm(forms.ModelForm):
    clear_logo = forms.BooleanField(label="Remove the current logo", required=False)

    class Meta:
        model = Workspace
        fields = ("name", "accent_colour", "prepared_by", "logo")
        labels = {"accent_colour": "Accent colour", "prepared_by": "“Prepared by” line"}
        widgets = {"accent_colour": forms.TextInput(attrs={"type": "color"})}

    def clean_logo(self):
        logo = self.cleaned_data.get("logo")
        if logo and hasattr(logo, "size") and logo.size > MAX_LOGO_BYTES:
            raise forms.ValidationError("The logo must be 1 MB or smaller.")
        if logo and hasattr(logo, "content_type"):
            width, height = get_image_dimensions(logo)
            if not width or not height:
                raise forms.ValidationError("The logo must be a PNG or JPEG image.")
        return logo
