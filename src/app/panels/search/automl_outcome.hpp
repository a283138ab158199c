#pragma once
// What the AutoML module shows once the search ended (search.status's final reply): the winner
// and its test score, its permutation importance on the test rows as bars, and the winner beside
// the participant's own best manual run on the same test rows.
#include <nlohmann/json.hpp>

namespace lab::app::search {

void draw_winner(const nlohmann::json& reply);
void draw_importance(const nlohmann::json& reply);
void draw_versus_manual(const nlohmann::json& reply);

}  // namespace lab::app::search
