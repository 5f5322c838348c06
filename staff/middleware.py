from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


class FirmLanguageMiddleware(LocaleMiddleware):
    """Chinese unless the person chose otherwise with the language switcher.

    Django's LocaleMiddleware would follow the browser's Accept-Language, so a PC with an English
    browser would show English to staff who never asked for it. Here the switcher's cookie decides,
    else LANGUAGE_CODE; set LANGUAGE_FROM_BROWSER=1 to follow the browser instead.
    """

    def process_request(self, request) -> None:
        if settings.LANGUAGE_FROM_BROWSER:
            return super().process_request(request)
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        supported = {code for code, _name in settings.LANGUAGES}
        language = chosen if chosen in supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
