FROM python:3.12-slim-bookworm

# WeasyPrint needs Pango and its font stack; DejaVu is the report's font.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    UV_PYTHON_DOWNLOADS=never \
    UV_PROJECT_ENVIRONMENT=/opt/venv \
    PATH=/opt/venv/bin:$PATH

WORKDIR /app
RUN pip install --no-cache-dir uv==0.13.8
COPY pyproject.toml uv.lock ./
RUN uv sync --frozen --no-dev --no-install-project --compile-bytecode

COPY . .
RUN DJANGO_ENV=production SECRET_KEY=collectstatic-only ALLOWED_HOSTS=build \
    python manage.py collectstatic --noinput

# The media volume is mounted over /app/var/media: a named volume takes the owner of
# the directory it covers, so that directory must exist and belong to the app user.
RUN useradd --create-home --uid 1000 readiness \
    && mkdir -p /app/var/media \
    && chown -R readiness /app/var
USER readiness
EXPOSE 8000
CMD ["gunicorn", "readiness.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3"]
