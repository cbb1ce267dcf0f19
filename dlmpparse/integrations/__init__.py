"""dlmpparse from other tools: jc parser plugins (``jc``), an Ansible filter plugin
(``ansible``). Neither tool is a dependency: each module imports only dlmpparse, and the
plugins it writes or the filters it defines call dlmpparse; see docs/integrations.md."""
