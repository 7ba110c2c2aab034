-- True when any current value in the warehouse is synthetic demo data.
select exists (select 1 from fct_indicator_value where is_synthetic) as has_synthetic
