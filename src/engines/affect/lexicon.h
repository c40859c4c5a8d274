#pragma once
// Word lists the classifier uses as dense features and the valence estimate uses directly:
// VADER valences (Hutto & Gilbert 2014, Apache-2.0 via npm vader-sentiment) and Empath categories
// (Fast et al. 2016, MIT). Both ship inside the model file so a model is one self-contained
// artefact.
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/result.h"

namespace attune::affect {

class Lexicon {
 public:
  struct Entry {
    float vader = 0;              // mean valence in [-4, 4]; 0 when the word is not in VADER
    uint32_t first_category = 0;  // range into categories_of_words_
    uint32_t num_categories = 0;
  };

  // VADER format: word TAB mean TAB sd TAB [ratings]; only the first two columns are used.
  Status AddVaderTsv(std::string_view tsv);
  // Empath format: category TAB word TAB word ...; multi-word entries ("jet_black") are skipped
  // because features look words up one at a time.
  Status AddEmpathTsv(std::string_view tsv);
  // Adds entries directly (used when reading a model file).
  void AddVader(std::string word, float valence);
  void AddCategory(std::string name, std::vector<std::string> words);

  // Builds the lookup table; call once after adding entries and before Find().
  void Build();

  // Looks a word up by HashBytes(normalised word). Null when absent.
  const Entry* Find(uint64_t word_hash) const {
    auto it = table_.find(word_hash);
    return it == table_.end() ? nullptr : &it->second;
  }
  const uint16_t* CategoriesOf(const Entry& e) const { return &category_ids_[e.first_category]; }

  size_t num_categories() const { return category_names_.size(); }
  const std::vector<std::string>& category_names() const { return category_names_; }
  const std::vector<std::vector<std::string>>& category_words() const { return category_words_; }
  const std::vector<std::pair<std::string, float>>& vader() const { return vader_; }

 private:
  std::vector<std::pair<std::string, float>> vader_;
  std::vector<std::string> category_names_;
  std::vector<std::vector<std::string>> category_words_;
  std::unordered_map<uint64_t, Entry> table_;
  std::vector<uint16_t> category_ids_;
};

}  // namespace attune::affect
