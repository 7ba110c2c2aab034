{#- Student's t for the trend forecasts (mart_target_forecast). Portable SQL only (case, sqrt,
    atan, sin, cos, pi), so the same models run on DuckDB, PostgreSQL and Spark. docs/methods.md. -#}

{% macro t_quantile(df, level) -%}
    {#- two-sided critical value of Student's t: level 80 (the 0.90 quantile) or 95 (0.975);
        df 1-30 from the table (scipy.stats.t.ppf), beyond it the normal quantile -#}
    {%- set T_90 = [3.077684, 1.885618, 1.637744, 1.533206, 1.475884, 1.439756, 1.414924, 1.396815,
    1.383029, 1.372184, 1.36343, 1.356217, 1.350171, 1.34503, 1.340606, 1.336757, 1.333379,
    1.330391, 1.327728, 1.325341, 1.323188, 1.321237, 1.31946, 1.317836, 1.316345, 1.314972,
    1.313703, 1.312527, 1.311434, 1.310415] -%}
    {%- set T_975 = [12.706205, 4.302653, 3.182446, 2.776445, 2.570582, 2.446912, 2.364624, 2.306004,
    2.262157, 2.228139, 2.200985, 2.178813, 2.160369, 2.144787, 2.13145, 2.119905, 2.109816,
    2.100922, 2.093024, 2.085963, 2.079614, 2.073873, 2.068658, 2.063899, 2.059539, 2.055529,
    2.051831, 2.048407, 2.04523, 2.042272] -%}
    {%- set table = T_90 if level == 80 else T_975 -%}
    case {{ df }}
        {%- for value in table %}
        when {{ loop.index }} then {{ value }}
        {%- endfor %}
        else {{ 1.281552 if level == 80 else 1.959964 }}
    end
{%- endmacro %}

{% macro t_cdf(t, df) -%}
    {#- P(T <= t) for Student's t with integer df: the exact finite series (Abramowitz & Stegun
        26.7.3/26.7.4) for df 1-30, the normal distribution (erf approximation, A&S 7.1.26, error
        below 1e-7) beyond. -#}
    case {{ df }}
        {%- for nu in range(1, 31) %}
        when {{ nu }} then {{ _t_cdf_exact(t, nu) }}
        {%- endfor %}
        else {{ normal_cdf(t) }}
    end
{%- endmacro %}

{% macro _t_cdf_exact(t, nu) -%}
    {%- if nu % 2 == 0 -%}
        {#- even df: 1/2 + t / (2 sqrt(nu + t^2)) * sum_k c_k (nu / (nu + t^2))^k -#}
        {%- set terms = [] -%}
        {%- set ns = namespace(c=1.0) -%}
        {%- for k in range(0, nu // 2) -%}
            {%- if k > 0 %}{% set ns.c = ns.c * (2 * k - 1) / (2 * k) %}{% endif -%}
            {%- do terms.append(ns.c ~ ' * power(' ~ nu ~ '.0 / (' ~ nu ~ '.0 + (' ~ t ~ ') * (' ~ t ~ ')), ' ~ k ~ ')') -%}
        {%- endfor -%}
        (0.5 + ({{ t }}) / (2.0 * sqrt({{ nu }}.0 + ({{ t }}) * ({{ t }}))) * ({{ terms | join(' + ') }}))
    {%- else -%}
        {#- odd df: 1/2 + (theta + sin(theta) cos(theta) sum_k d_k cos(theta)^(2k)) / pi, theta = atan(t / sqrt(nu)) -#}
        {%- set theta = 'atan((' ~ t ~ ') / sqrt(' ~ nu ~ '.0))' -%}
        {%- if nu == 1 -%}
        (0.5 + {{ theta }} / pi())
        {%- else -%}
            {%- set terms = [] -%}
            {%- set ns = namespace(d=1.0) -%}
            {%- for k in range(0, (nu - 1) // 2) -%}
                {%- if k > 0 %}{% set ns.d = ns.d * (2 * k) / (2 * k + 1) %}{% endif -%}
                {%- do terms.append(ns.d ~ ' * power(cos(' ~ theta ~ '), ' ~ (2 * k) ~ ')') -%}
            {%- endfor -%}
        (0.5 + ({{ theta }} + sin({{ theta }}) * cos({{ theta }}) * ({{ terms | join(' + ') }})) / pi())
        {%- endif -%}
    {%- endif -%}
{%- endmacro %}

{% macro normal_cdf(z) -%}
    {#- Phi(z) from Abramowitz & Stegun 7.1.26's erf approximation -#}
    (0.5 + 0.5 * sign({{ z }}) * (1.0 - (
        0.254829592 * (1.0 / (1.0 + 0.3275911 * abs({{ z }}) / sqrt(2.0)))
        - 0.284496736 * power(1.0 / (1.0 + 0.3275911 * abs({{ z }}) / sqrt(2.0)), 2)
        + 1.421413741 * power(1.0 / (1.0 + 0.3275911 * abs({{ z }}) / sqrt(2.0)), 3)
        - 1.453152027 * power(1.0 / (1.0 + 0.3275911 * abs({{ z }}) / sqrt(2.0)), 4)
        + 1.061405429 * power(1.0 / (1.0 + 0.3275911 * abs({{ z }}) / sqrt(2.0)), 5)
    ) * exp(-({{ z }}) * ({{ z }}) / 2.0)))
{%- endmacro %}
