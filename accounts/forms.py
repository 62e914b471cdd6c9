import hashlib
from io import BytesIO

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import (
    AuthenticationForm,
    BaseUserCreationForm,
    PasswordChangeForm,
    SetPasswordMixin,
)
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import ExifTags, Image, ImageOps

from assessments.models import Client
from readiness.colours import MIN_ACCENT_CONTRAST, contrast_with_white, legible_on_white
from readiness.ids import ModelIdsField
from readiness.money import INVALID_CURRENCY, currency_choices
from readiness.one_line import OneLineField, one_line_formfield
from reports.services import MAX_LOGO_BYTES

from . import limits
from .models import Invitation, Membership, User, Workspace, hex_colour

# The logo prints at the top of a report's first page, in a box 60 mm wide and 16 mm
# high (static/reports/report.css). Pillow's format name -> the file's extension.
LOGO_FORMATS = {"PNG": "png", "JPEG": "jpg", "MPO": "jpg"}  # MPO: a camera's JPEG
LOGO_MIN_PIXELS = 100
LOGO_MAX_PIXELS = 5000
LOGO_MAX_WIDE = 8  # at most eight times as wide as it is tall
LOGO_MAX_TALL = 2  # at most twice as tall as it is wide
LOGO_HELP = (
    "A PNG or JPEG file of up to 1 MB. It is printed at the top of the first page of "
    "every report, in place of the workspace's name, at most 60 mm wide and 16 mm high, "
    "so a wide logo prints largest. It may be up to eight times as wide as it is tall, "
    "or up to twice as tall as it is wide, and between 100 and 5,000 pixels on its "
    "longer side: about 600 pixels wide prints sharply."
)
LOGO_NOT_AN_IMAGE = (
    "This file is not a PNG or JPEG image, or it is damaged. Save the logo as a PNG or "
    "JPEG and upload that."
)
LOGO_SVG = (
    "SVG logos cannot be used: reports print only PNG and JPEG images. Export the logo "
    "as a PNG (most design tools offer this) and upload that."
)


def _workspace_name_field() -> forms.CharField:
    return OneLineField(
        label="Company or consultancy name",
        max_length=120,
        help_text="Your workspace. You can rename it later.",
    )


def _currency_field() -> forms.ChoiceField:
    return forms.ChoiceField(
        label="Currency",
        required=False,
        choices=currency_choices,
        # A company keeps the currency it was added with: the workspace setting only
        # starts new ones, so the way to change it later is the company's own Edit.
        help_text="Costs and savings in your assessments and reports are shown in it. Leave "
        "it not set to show plain numbers; you can choose one later with Edit beside the "
        "company on your dashboard.",
        error_messages={"invalid_choice": INVALID_CURRENCY},
    )


class SignupForm(BaseUserCreationForm):
    workspace_name = _workspace_name_field()
    currency = _currency_field()

    class Meta:
        model = User
        formfield_callback = one_line_formfield
        fields = ("email", "full_name")
        labels = {"full_name": "Your name"}

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip().lower()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(
                "An account with this email already exists. Log in instead."
            )
        return email


class WorkspaceStartForm(forms.Form):
    """A workspace of one's own, for someone signed in who belongs to none."""

    workspace_name = _workspace_name_field()
    currency = _currency_field()


def _looks_like_svg(upload) -> bool:
    head = upload.read(1024)
    upload.seek(0)
    return (
        upload.name.lower().endswith((".svg", ".svgz"))
        or getattr(upload, "content_type", "") == "image/svg+xml"
        or b"<svg" in head.lower()
    )


class LogoField(forms.ImageField):
    """A logo reports can print: a PNG or JPEG of a sensible size and shape."""

    # The extension is Pillow's to judge, from the content; the file is renamed to match.
    default_validators = []

    def to_python(self, data):
        if data in self.empty_values:
            return super().to_python(data)
        # Before Pillow opens it: a large file is refused without being read.
        if getattr(data, "size", 0) > MAX_LOGO_BYTES:
            # Never "1.0 MB is too big": anything over the limit reads as at least 1.1.
            megabytes = max(round(data.size / 1_000_000, 1), 1.1)
            raise forms.ValidationError(
                f"This file is {megabytes:.1f} MB; the logo must be 1 MB or smaller."
            )
        try:
            logo = super().to_python(data)
        except forms.ValidationError:
            if hasattr(data, "read") and _looks_like_svg(data):
                raise forms.ValidationError(LOGO_SVG, code="svg") from None
            raise
        if logo.image.format not in LOGO_FORMATS:
            raise forms.ValidationError(
                f"This image is in {logo.image.format} format; the logo must be a PNG or JPEG. "
                "Save it as a PNG or JPEG and upload that.",
                code="format",
            )
        extension = LOGO_FORMATS[logo.image.format]
        # A phone stores a portrait photo on its side and says "turn it" in the EXIF
        # data; browsers and reports turn it, so its shape is judged as they show it.
        orientation = _exif_orientation(logo)
        width, height = logo.image.size
        if orientation in TURNED_ON_SIDE:
            width, height = height, width
        _check_logo_shape(width, height)
        if orientation not in (None, 1):
            logo = _upright(logo, extension)
        # Named by what it is, so a report embeds it as the right kind of image.
        logo.name = f"logo.{extension}"
        return logo


# EXIF orientations that turn the image a quarter turn, so its sides swap.
TURNED_ON_SIDE = {5, 6, 7, 8}


def _exif_orientation(upload) -> int | None:
    upload.seek(0)
    try:
        with Image.open(upload) as image:
            return image.getexif().get(ExifTags.Base.Orientation)
    except Exception:  # damaged EXIF data: the image is shown as stored
        return None
    finally:
        upload.seek(0)


def _upright(upload, extension: str) -> SimpleUploadedFile:
    """The image turned as its EXIF data says, stored that way, so that every viewer
    shows it alike whether or not it reads EXIF."""
    upload.seek(0)
    with Image.open(upload) as source:
        upright = ImageOps.exif_transpose(source)
        options = {"icc_profile": source.info.get("icc_profile")}
        if extension == "jpg":
            # The photo's own quality, so turning it neither blurs it nor bloats it.
            options["qtables"] = getattr(source, "quantization", None) or None
        buffer = BytesIO()
        upright.save(buffer, "JPEG" if extension == "jpg" else "PNG", **options)
    if buffer.tell() > MAX_LOGO_BYTES:
        raise forms.ValidationError(
            "Turned the right way up, this photo is over 1 MB. Save it at a smaller size "
            "and upload that."
        )
    turned = SimpleUploadedFile(
        upload.name, buffer.getvalue(), "image/jpeg" if extension == "jpg" else "image/png"
    )
    turned.image = upright
    return turned


def _check_logo_shape(width: int, height: int) -> None:
    size = f"This image is {width:,} × {height:,} pixels"
    if max(width, height) < LOGO_MIN_PIXELS:
        raise forms.ValidationError(
            f"{size}: too small to print sharply. Upload one at least "
            f"{LOGO_MIN_PIXELS} pixels on its longer side; about 600 pixels wide is best."
        )
    if max(width, height) > LOGO_MAX_PIXELS:
        raise forms.ValidationError(
            f"{size}: larger than a report can use. Make it at most "
            f"{LOGO_MAX_PIXELS:,} pixels on its longer side; about 600 pixels wide is enough."
        )
    if width > LOGO_MAX_WIDE * height:
        raise forms.ValidationError(
            f"{size}: too wide for its height to be readable in print. A logo may be up "
            "to eight times as wide as it is tall; crop the empty space around it or use "
            "a more compact version."
        )
    if height > LOGO_MAX_TALL * width:
        raise forms.ValidationError(
            f"{size}: too tall for its width to be readable in print. A logo may be up "
            "to twice as tall as it is wide; crop the empty space around it or use a "
            "wider version."
        )


class LogoInput(forms.FileInput):
    """A file input with the current logo shown above it."""

    template_name = "accounts/widgets/logo_input.html"
    current_url = ""

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["current_url"] = self.current_url
        return context


class WorkspaceSettingsForm(forms.ModelForm):
    clear_logo = forms.BooleanField(label="Remove the current logo", required=False)

    class Meta:
        model = Workspace
        formfield_callback = one_line_formfield
        fields = ("name", "default_currency", "accent_colour", "prepared_by", "logo")
        labels = {
            "default_currency": "Currency of new clients",
            "accent_colour": "Accent colour",
            "prepared_by": "“Prepared by” line",
        }
        help_texts = {
            "accent_colour": "Reports print their headings in it on white, so it must be "
            "dark enough to read there.",
            "logo": LOGO_HELP,
        }
        field_classes = {"logo": LogoField}
        widgets = {
            "accent_colour": forms.TextInput(attrs={"type": "color"}),
            # A plain file input: our "Remove the current logo" box is the only way to
            # clear it, rather than a second, Django-made "Clear" box beside it.
            "logo": LogoInput(attrs={"accept": "image/png,image/jpeg"}),
        }
        error_messages = {
            "default_currency": {"invalid_choice": INVALID_CURRENCY},
            "logo": {"invalid_image": LOGO_NOT_AN_IMAGE},
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["default_currency"].choices = currency_choices()
        if self.instance.logo:
            self.fields["logo"].widget.current_url = logo_url(self.instance)
        else:
            # Nothing to remove.
            del self.fields["clear_logo"]

    def clean_accent_colour(self) -> str:
        colour = self.cleaned_data.get("accent_colour", "")
        # A malformed value is refused by the model's own validator, with its message.
        if hex_colour.regex.match(colour or ""):
            ratio = contrast_with_white(colour)
            if ratio < MIN_ACCENT_CONTRAST:
                raise forms.ValidationError(
                    f"This colour is too light to read on a white page: its contrast with "
                    f"white is {ratio:.1f} to 1, and reports need at least "
                    f"{MIN_ACCENT_CONTRAST:g} to 1 for their headings. Choose a darker shade, "
                    f"such as {legible_on_white(colour)}."
                )
        return colour


def logo_url(workspace: Workspace) -> str:
    """The workspace's logo for its members; the query changes with each new logo."""
    version = hashlib.sha256(workspace.logo.name.encode()).hexdigest()[:12]
    return f"{reverse('workspace_logo', args=[workspace.id])}?v={version}"


ROLE_HELP = (
    "Owners and consultants run the team and the workspace's settings (only owners "
    "make owners). Members assess pilots. Viewers read results and reports."
)


def roles_for(manager: Membership) -> list[tuple[str, str]]:
    """The roles a manager may hand out: only owners make owners."""
    return [
        (value, label)
        for value, label in Membership.Role.choices
        if value != Membership.Role.OWNER or manager.role == Membership.Role.OWNER
    ]


CLIENTS_HELP = (
    "Tick a client to let this person see only that company: its pilots, assessments "
    "and reports, and nothing of your other clients. Leave all unticked to let them see "
    "the whole workspace. Only members and viewers can be limited."
)


def _clients_field(form: forms.Form, clients) -> None:
    """The limit to some clients, shown only when the workspace has any to choose."""
    field = form.fields["clients"]
    if clients is not None:
        field.queryset = clients
    if not field.queryset.exists():
        field.widget = forms.MultipleHiddenInput()


class ClientsField(ModelIdsField):
    def __init__(self, **kwargs) -> None:
        super().__init__(
            queryset=Client.objects.none(),
            required=False,
            widget=forms.CheckboxSelectMultiple,
            error_messages={
                "invalid_choice": "Choose clients from the list.",
                "invalid_pk_value": "Choose clients from the list.",
            },
            **kwargs,
        )


class InvitationForm(forms.Form):
    email = forms.EmailField(
        label="Email address",
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
    role = forms.ChoiceField(label="Role", help_text=ROLE_HELP)
    clients = ClientsField(label="Limit to their company", help_text=CLIENTS_HELP)
    # Set once the form has shown the limit of the invitation this one would replace,
    # so sending it again with nothing ticked really means the whole workspace.
    earlier_limit_shown = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, roles: list[tuple[str, str]] | None = None, clients=None, **kwargs):
        kwargs.setdefault("initial", {"role": Membership.Role.MEMBER})
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = roles or Membership.Role.choices
        _clients_field(self, clients)

    def clean_email(self) -> str:
        return self.cleaned_data["email"].strip().lower()


class MembershipRoleForm(forms.Form):
    role = forms.ChoiceField(label="Role")

    def __init__(self, *args, roles: list[tuple[str, str]] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = roles or Membership.Role.choices


class MembershipClientsForm(forms.Form):
    clients = ClientsField(label="Clients they see", help_text=CLIENTS_HELP)

    def __init__(self, *args, clients, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["clients"].queryset = clients


class InvitationSignupForm(SetPasswordMixin, forms.Form):
    """A new account for the invited address: the address itself cannot change."""

    email = forms.EmailField(label="Email address", disabled=True, required=False)
    full_name = OneLineField(
        label="Your name",
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={"required": "Enter your name, as your colleagues know it."},
    )
    password1, password2 = SetPasswordMixin.create_password_fields()

    def __init__(self, *args, invitation: Invitation, **kwargs):
        kwargs.setdefault("initial", {"email": invitation.email})
        super().__init__(*args, **kwargs)
        self.invitation = invitation
        self.fields["email"].widget.attrs["autocomplete"] = "username"

    def clean_full_name(self) -> str:
        name = self.cleaned_data["full_name"].strip()
        if not name:
            raise forms.ValidationError("Enter your name, as your colleagues know it.")
        return name

    def clean(self):
        self.validate_passwords()
        cleaned = super().clean()
        # Judged against who they will be, so a password made of their name is refused.
        self.validate_password_for_user(
            User(email=self.invitation.email, full_name=cleaned.get("full_name", ""))
        )
        return cleaned


class SignInLimitMixin:
    """Refuse to check a password once too many attempts failed for the address or network."""

    request: object

    def clean(self):
        if self.request is None:
            return super().clean()
        if (limit := limits.sign_in(self.request)) is not None:
            raise forms.ValidationError(limit.message, code="rate_limited")
        try:
            return super().clean()
        except forms.ValidationError:
            limits.sign_in_failed(self.request)
            raise


# Addresses are matched whatever their case; only the password is case-sensitive.
class SignInForm(SignInLimitMixin, AuthenticationForm):
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": "Enter a correct email address and password. The password is "
        "case-sensitive; the email address is not.",
    }


class AdminSignInForm(SignInLimitMixin, AdminAuthenticationForm):
    error_messages = {
        **AdminAuthenticationForm.error_messages,
        "invalid_login": "Enter the correct email address and password for a staff account. "
        "The password is case-sensitive; the email address is not.",
    }


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        formfield_callback = one_line_formfield
        fields = ("full_name",)
        labels = {"full_name": "Your name"}
        help_texts = {
            "full_name": "Shown to your team, on the reports you generate and beside what "
            "you change. Leave it empty to be shown by your email address."
        }


class LimitedPasswordChangeForm(PasswordChangeForm):
    """Django's password change, refusing to check the current password too often."""

    def __init__(self, user, *args, request=None, **kwargs) -> None:
        super().__init__(user, *args, **kwargs)
        self.request = request

    def clean_old_password(self):
        if self.request is not None and (limit := limits.password_change(self.request)):
            raise forms.ValidationError(limit.message, code="rate_limited")
        return super().clean_old_password()
