"""Template filters for the house number and date formats (core.formatting holds the rule).

{% load numbers %}  {{ amount|yuan }}  {{ salary|yuan:"whole" }}  {{ n|count }}
{{ share|percent }}  {{ ratio|percent:"ratio" }}  {{ days|decimal:1 }}  {{ at|day }}
"""

from django import template

from core import formatting

register = template.Library()


@register.filter
def yuan(value, arg=""):
    return formatting.yuan(value, whole=arg == "whole")


@register.filter
def amount(value, places=2):
    return formatting.amount(value, int(places))


@register.filter
def count(value):
    return formatting.count(value)


@register.filter
def decimal(value, places=1):
    return formatting.decimal(value, int(places))


@register.filter
def percent(value, arg=""):
    return formatting.percent(value, ratio=arg == "ratio")


@register.filter
def day(value):
    return formatting.day(value)


@register.filter
def clock(value):
    return formatting.clock(value)


@register.filter
def moment(value):
    return formatting.moment(value)
