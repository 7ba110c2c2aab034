{% test unique_combination(model, columns) %}
-- The columns together identify one row; written here because packages cannot be downloaded at build time.
select {{ columns | join(', ') }}, count(*) as n_rows
from {{ model }}
group by {{ columns | join(', ') }}
having count(*) > 1
{% endtest %}
