-- mart_national_change_contributions including embargoed values (preparation mode).
{{ config(alias='mart_national_change_contributions') }}
{{ national_change_contributions(ref('fortrolig__mart_indicator_level'), 'fortrolig') }}
