"""Design page: pick a template or open a file, edit the main numbers, see the estimate, export a
quote and share the design."""

from __future__ import annotations

from functools import partial
from typing import Any

import streamlit as st

from i18n.catalog import choice_shown, shown, t, template_name, tf
from i18n.format import magnitude_hint
from models.design.ranges import expected_value, is_range, spread
from models.design.schema import DesignError
from models.design.text import dump_design_text, load_design_data
from models.messages import msg
from service import validate
from templates import template_keys
from webapp.state import (
    edit_bound,
    edit_component,
    edit_top,
    init_state,
    lang,
    set_design,
    switch_range,
    template_data,
)
from webapp.views.fields import FieldSpec, current_value, editable_fields, field_applies, ranged_value
from webapp.views.import_box import import_panel
from webapp.views.lazy import opened
from webapp.views.regions import region_label, region_options
from webapp.views.results import estimate_panel
from webapp.views.safe import plain, problem_lines
from webapp.views.uploader import uploader_words

MAX_UPLOAD_BYTES = 1_000_000
FREE_TIERS = ["none", "always", "first_year"]


def on_template_change() -> None:
    key = st.session_state.template
    if key is not None:
        set_design(template_data(key), key)


def modified_template(lg: str) -> str | None:
    """ "Save app data (modified)" when the design came from a template and was edited since, else None."""
    key = st.session_state.get("design_label")
    if key in template_keys() and st.session_state.design != template_data(key):
        return tf("page.design.modified", lg, name=template_name(key, template_data(key)["name"], lg))
    return None


def saved_origin(lg: str) -> str | None:
    """ "Saved design: Customer A – SQS variant" when the design was opened from Saved designs (with "(modified
    since it was opened)" after edits), else None."""
    opened = st.session_state.get("opened_saved")
    if not opened or st.session_state.get("design_label") != f"saved:{opened['name']}":
        return None
    key = "from_saved" if st.session_state.design == opened["data"] else "from_saved_modified"
    return tf(f"page.design.{key}", lg, name=opened["name"])


def open_panel(lg: str) -> None:
    """Template picker and file upload. The picker shows the template the design came from (with
    "(modified)" under it after edits), or a placeholder when it came from a file, a link or the editor. The
    picker's value is set from the design's label on every run: Streamlit forgets a widget's value
    while another page is shown."""
    label = st.session_state.get("design_label")
    st.session_state.template = label if label in template_keys() else None
    st.selectbox(t("template", lg), template_keys(), key="template", on_change=on_template_change, index=None,
                 placeholder=t("template_placeholder", lg),
                 format_func=lambda k: template_name(k, template_data(k)["name"], lg), help=t("template_help", lg))
    modified = modified_template(lg)  # beside the picker, not in its options: a changing option text resets it
    if modified:
        st.caption(f"✏️ {plain(modified)}")
    saved = saved_origin(lg)  # ux.md S2: the name the user saved it under, on the page that shows it
    if saved:
        st.caption(f"💾 {plain(saved)}")
    upload = st.file_uploader(t("upload", lg), type=["yaml", "yml", "json"], key="upload", help=t("upload_help", lg),
                              max_upload_size=1)  # MB: a design file's own limit (models/safe_text.MAX_FILE_BYTES)
    uploader_words("upload", 1, ["yaml", "yml", "json"], lg)
    if upload is not None and upload.file_id != st.session_state.get("upload_id"):
        st.session_state.upload_id = upload.file_id
        st.session_state.upload_error = None
        try:
            if upload.size > MAX_UPLOAD_BYTES:
                raise DesignError([msg("design_file.upload_too_large", "{file}: {size:,} bytes is too large (limit "
                                       "{limit:,})", file=upload.name, size=upload.size, limit=MAX_UPLOAD_BYTES)])
            data = load_design_data(upload.getvalue().decode("utf-8", errors="replace"))
            validate(data)  # before replacing the current design
            set_design(data, upload.name)
            st.rerun()  # redraw the form and the template picker for the opened design
        except DesignError as err:
            st.session_state.upload_error = (upload.name, err.problems)
    if st.session_state.get("upload_error"):
        name, problems = st.session_state.upload_error
        st.error(f"{t('upload_error', lg)} {plain(name)}\n\n" + problem_lines(problems, lg))
    import_panel(lg)


def link_messages(lg: str) -> None:
    """What happened to the design in the link this session was opened with."""
    if st.session_state.get("share_error"):
        st.error(t("share_error", lg) + "\n\n" + problem_lines(st.session_state.share_error, lg))
    elif st.session_state.get("share_opened"):
        st.success(t("share_opened", lg))
    if st.session_state.get("share_settings_error"):
        st.warning(t("share_settings_error", lg, given=st.session_state.share_settings_error))


def design_form(design: dict, lg: str) -> None:
    """Widgets for the design's main numbers; each writes into the current design on change."""
    rev = st.session_state.rev
    region = design.get("region", "us-east-1")
    regions, catalogs = region_options(region)
    st.selectbox(t("region", lg), regions, index=regions.index(region) if region in regions else 0,
                 key=f"r{rev}.region", format_func=lambda r: region_label(r, catalogs, lg), help=t("region_help", lg),
                 on_change=edit_top, args=("region", f"r{rev}.region"))
    free = design.get("free_tier", "always")
    st.selectbox(t("free_tier", lg), FREE_TIERS, index=FREE_TIERS.index(free) if free in FREE_TIERS else 1,
                 key=f"r{rev}.free_tier", help=t("free_tier_help", lg), format_func=lambda k: t(f"free_tier_{k}", lg),
                 on_change=edit_top, args=("free_tier", f"r{rev}.free_tier"))
    requests = (design.get("workload") or {}).get("requests_per_month")
    if requests is not None:
        spec = FieldSpec("requests_per_month", 0, 1e13, 100000.0, help_key="requests_per_month_help")
        label = t("requests_per_month", lg)
        st.number_input(label, min_value=0.0, max_value=1e13, value=_clamped(expected_value(requests), spec),
                        step=100000.0, format="%.0f", key=f"r{rev}.requests", help=t("requests_per_month_help", lg),
                        on_change=edit_top, args=("requests_per_month", f"r{rev}.requests"))
        _read_back(expected_value(requests), lg)
        st.checkbox(t("range_toggle", lg), value=is_range(requests), key=f"r{rev}.requests.ranged",
                    help=t("range_toggle_help", lg), on_change=switch_range,
                    args=(None, "requests_per_month", f"r{rev}.requests.ranged"))
        if is_range(requests):
            bound_inputs(None, spec, requests, label, f"r{rev}.requests", lg, number_format="%.0f")
    st.markdown(f"**{t('components', lg)}**")
    for index, component in enumerate(design.get("components") or []):
        title = f"{component.get('id')} · {shown('type', component.get('type'), lg)}"
        if component.get("from"):
            title += f" ← {component['from']}"
        editor = opened(component.get("label") or title, key=f"component_open.{index}")
        if editor is not None:  # its widgets only while open: they are most of the page's browser time (lazy.py)
            with editor:
                component_widgets(index, component, rev, lg)


def _read_back(value, lg: str) -> None:
    """Under a big number's box, the number grouped and in words ("= 50,000,000 (50 million)")."""
    hint = magnitude_hint(value, lg)
    if hint:
        st.caption(hint)


def _limits(spec: FieldSpec) -> tuple[float, float, float]:
    """(min, max, step) of a number field: every number field in SPECS declares all three."""
    if spec.min is None or spec.max is None or spec.step is None:
        raise ValueError(f"number field {spec.name!r} needs min, max and step")
    return spec.min, spec.max, spec.step


def _clamped(value, spec: FieldSpec) -> float:
    """A design value inside the widget's limits (a hand-written file may go beyond them)."""
    number = float(value) if isinstance(value, (int, float)) else float(spec.default or 0)
    low = float(spec.min) if spec.min is not None else number
    high = float(spec.max) if spec.max is not None else number
    return min(max(number, low), high)


def bound_inputs(index: int | None, spec: FieldSpec, rng: dict, label: str, key: str, lg: str,
                 number_format: str | None = None) -> None:
    """Low and high inputs of a ranged number, side by side."""
    low, _, high = spread(rng)
    cols = st.columns(2)
    for col, bound, value in ((cols[0], "low", low), (cols[1], "high", high)):
        widget_key = f"{key}.{bound}"
        common: dict[str, Any] = dict(key=widget_key, help=tf("range_bound_help", lg, bound=t(f"bound_{bound}", lg)),
                      on_change=edit_bound, args=(index, spec.name, bound, widget_key))
        text = tf(f"range_{bound}", lg, label=label)
        low_limit, high_limit, step = _limits(spec)
        if spec.integer:
            col.number_input(text, min_value=int(low_limit), max_value=int(high_limit),
                             value=int(_clamped(value, spec)), step=int(step), **common)
        else:
            extra: dict[str, Any] = {"format": number_format} if number_format else {}
            col.number_input(text, min_value=float(low_limit), max_value=float(high_limit),
                             value=_clamped(value, spec), step=float(step), **extra, **common)


def component_widgets(index: int, component: dict, rev: int, lg: str) -> None:
    """Widgets for one component's main numbers (a ranged number also gets its low and high)."""
    for spec in editable_fields(component):
        if not field_applies(spec, component):
            continue
        start = current_value(component, spec)
        key = f"r{rev}.{index}.{spec.name}"
        common: dict[str, Any] = dict(key=key, help=spec.help(lg),
                      on_change=edit_component, args=(index, spec.name, key))
        label = t(spec.name, lg)
        if spec.choices:
            st.selectbox(label, spec.choices, index=spec.choices.index(start) if start in spec.choices else 0,
                         format_func=partial(choice_shown, spec.name, lang=lg), **common)
        elif spec.integer:
            low_limit, high_limit, step = _limits(spec)
            st.number_input(label, min_value=int(low_limit), max_value=int(high_limit),
                            value=int(_clamped(start, spec)), step=int(step), **common)
        else:
            low_limit, high_limit, step = _limits(spec)
            st.number_input(label, min_value=float(low_limit), max_value=float(high_limit),
                            value=_clamped(start, spec), step=float(step), **common)
        if not spec.choices:
            _read_back(start, lg)
        rng = ranged_value(component, spec)
        if rng is not None:
            bound_inputs(index, spec, rng, label, key, lg)


def yaml_editor(design: dict, lg: str) -> None:
    """The whole design as YAML; Apply replaces the design only if it is valid."""
    editor = opened(t("editor", lg), key="yaml_open")
    if editor is None:  # the whole file in a text box: drawn only while open (webapp/views/lazy.py)
        return
    with editor:
        with st.form(key="yaml_form"):
            text = st.text_area("YAML", value=dump_design_text(design), height=360, help=t("editor_help", lg))
            applied = st.form_submit_button(t("apply", lg))
        if applied:
            try:
                data = load_design_data(text)
                validate(data)
                set_design(data, st.session_state.get("design_label", "yaml"))
                st.rerun()
            except DesignError as err:  # the design (and its estimate) stay as they were
                st.error(t("page.design.not_applied", lg) + "\n\n" + problem_lines(err.problems, lg))


def page() -> None:
    lg = lang()
    design = st.session_state.design
    link_messages(lg)
    headline = st.container()  # the total and readiness: first on screen (a phone's first screen) and drawn first
    left, right = st.columns([2, 3], gap="large")

    def form() -> None:  # light: drawn before the estimate's grids and diagram (webapp/views/progressive.py)
        with left:
            st.subheader(t("design", lg))
            open_panel(lg)
            design_form(design, lg)
            yaml_editor(design, lg)

    with right:
        estimate_panel(design, lg, headline, light_part=form)


init_state()  # a deep link in a new session can run this page without app.py
page()
