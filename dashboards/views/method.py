"""Metode: the statistical methods in Danish, with the formulas and references (docs/methods.md)."""

from __future__ import annotations

import streamlit as st

from dashboards.methods_text import paragraph

REFERENCES = (
    "E. B. Wilson (1927): Probable inference, the law of succession, and statistical inference. "
    "*Journal of the American Statistical Association* 22:209–212.",
    "N. E. Breslow & N. E. Day (1987): *Statistical Methods in Cancer Research, Vol. II*. "
    "IARC Scientific Publications No. 82, Lyon, s. 69 (Byars tilnærmelse).",
    "D. G. Altman (1991): *Practical Statistics for Medical Research*. Chapman & Hall, kap. 11 (lineær regression).",
    "D. J. Spiegelhalter (2005): Funnel plots for comparing institutional performance. "
    "*Statistics in Medicine* 24:1185–1202.",
    "R. J. Hyndman & G. Athanasopoulos (2021): *Forecasting: Principles and Practice*, 3. udg., "
    "afsnit 5.2 og 5.5 (drift-metoden og dens prædiktionsinterval).",
    "M. Abramowitz & I. A. Stegun (1964): *Handbook of Mathematical Functions*. NBS, 26.7.3–4 "
    "(t-fordelingens fordelingsfunktion).",
)


def render() -> None:
    st.title("Metode")
    st.markdown(
        "Sådan beregner Nøgletal sikkerhedsintervaller, sammenligninger med landstallet, udviklingen over tid "
        "og kontrolgrænserne i tragtdiagrammet. Betegnelser: $x$ er tælleren, $n$ nævneren og $s$ skalaen "
        "(100 for procent, 1.000 eller 100.000 for rater), så tallet er $x/n \\cdot s$. "
        "$z = 1{,}96$ for 95 % og $z = 3{,}09$ for 99,8 %."
    )

    st.subheader("Sikkerhedsintervaller")
    st.markdown(paragraph("Sikkerhedsintervaller"))
    st.markdown("**Andele (Wilson).** Med $\\hat p = x/n$:")
    st.latex(
        r"100 \cdot \left( \frac{\hat p + \frac{z^2}{2n}}{1 + \frac{z^2}{n}} \pm "
        r"\frac{z}{1 + \frac{z^2}{n}} \sqrt{\frac{\hat p (1 - \hat p)}{n} + \frac{z^2}{4n^2}} \right)"
    )
    st.markdown("**Rater (Byar).** Tælleren behandles som et Poisson-antal $x$; intervallet for antallet er")
    st.latex(
        r"x \left(1 - \frac{1}{9x} - \frac{z}{3\sqrt{x}}\right)^3 \quad\text{til}\quad "
        r"(x+1) \left(1 - \frac{1}{9(x+1)} + \frac{z}{3\sqrt{x+1}}\right)^3"
    )
    st.markdown(
        "og raten findes ved at dividere med $n$ og gange med $s$. For gennemsnit (dage), indeks og år "
        "offentliggøres ikke det, der skal til for et interval, så her vises ingen intervaller og "
        "ingen klassifikation."
    )

    st.subheader("Signifikant bedre, ikke signifikant forskellig, signifikant dårligere")
    st.markdown(paragraph("Signifikant bedre"))

    st.subheader("Udvikling: stigende, faldende, ingen signifikant ændring")
    st.markdown(paragraph("Stigende"))
    st.markdown("Hældningen findes ved mindste kvadraters metode gennem de fem seneste sammenlignelige perioder:")
    st.latex(r"b = \frac{S_{xy}}{S_{xx}}, \quad t = \frac{b}{\sqrt{SSE / (n-2) / S_{xx}}}, \quad |t| > 3{,}182 \;(df = 3)")

    st.subheader("Tragtdiagram")
    st.markdown(paragraph("Tragtdiagram"))
    st.markdown("Kontrolgrænser omkring landstallet $\\theta$ ved nævneren $n$:")
    st.latex(r"\text{andele: } 100 \left(p_0 \pm z \sqrt{\frac{p_0 (1 - p_0)}{n}}\right), \quad p_0 = \theta / 100")
    st.latex(r"\text{rater: } \theta \pm z \sqrt{\frac{\theta \cdot s}{n}}")

    st.subheader("Gevinst ved bedste niveau")
    st.markdown(paragraph("Gevinst ved bedste niveau"))
    st.latex(r"\text{gevinst} = \sum_r \max\left(0,\; \hat p_{\text{bedste}} - \hat p_r\right) \cdot n_r")

    st.subheader("Fremskrivning mod måltal")
    st.markdown(paragraph("Fremskrivning mod måltal"))
    st.latex(
        r"\hat y_h = y_n + b\,h, \quad b = \frac{y_n - y_1}{n - 1}, \quad \hat y_h \pm t_{0{,}90;\,n-2}\; s \sqrt{h\left(1 + \frac{h}{n-1}\right)}, "
        r"\quad P(\text{måltal nået}) = F_{t,\,n-2}\!\left(\frac{\hat y_H - \text{mål}}{se_H}\right)"
    )

    st.subheader("Hvorfor landstallet flyttede sig")
    st.markdown(paragraph("Hvorfor landstallet flyttede sig"))
    st.latex(r"\text{bidrag}_r = \frac{n_{r,1}\, \hat p_{r,1}}{N_1} - \frac{n_{r,0}\, \hat p_{r,0}}{N_0}")

    st.subheader("Referencer")
    st.markdown("\n".join(f"- {r}" for r in REFERENCES))
