#pragma once
// Each area of the lab registers its commands in its own file (commands/<area>_commands.cpp).
#include "commands/dispatcher.hpp"

namespace lab {

void register_data_commands(Dispatcher& d, Session& s);
void register_train_commands(Dispatcher& d, Session& s);
void register_runs_commands(Dispatcher& d, Session& s);
void register_registry_commands(Dispatcher& d, Session& s);
void register_eval_commands(Dispatcher& d, Session& s);
void register_serve_commands(Dispatcher& d, Session& s);
void register_experiment_commands(Dispatcher& d, Session& s);
void register_store_commands(Dispatcher& d, Session& s);
void register_sync_commands(Dispatcher& d, Session& s);
void register_monitor_commands(Dispatcher& d, Session& s);
void register_explain_commands(Dispatcher& d, Session& s);
void register_explore_commands(Dispatcher& d, Session& s);
void register_tune_commands(Dispatcher& d, Session& s);
void register_automl_commands(Dispatcher& d, Session& s);
void register_search_commands(Dispatcher& d, Session& s);  // the tab's paced tune/automl
void register_recipe_commands(Dispatcher& d, Session& s);
void register_jobs_commands(Dispatcher& d, Session& s);
void register_notebook_commands(Dispatcher& d, Session& s);
// Last: the guide's tracks name the other areas' commands.
void register_guide_commands(Dispatcher& d, Session& s);

}  // namespace lab
